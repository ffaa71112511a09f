// The Chromium flags of a headless run in a container or on CI: no sandbox (it runs as root), no
// GPU, and none of the browser's own background traffic. check.js and the frontend bench
// (scripts/bench/frontend.ts) launch Chromium with them.
module.exports = {
  HEADLESS_CHROMIUM_ARGS: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
