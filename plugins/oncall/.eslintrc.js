module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // the shared state checks in src/__testUtils__/states.ts assert too
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expect*', 'states.expect*'] },
    ],
  },
});
