import { parseOnCallQuestion, wordsOf } from './onCallQuestion';

describe('parseOnCallQuestion', () => {
  it.each([
    ['who is on call for payments', 'payments'],
    ['on call payments', 'payments'],
    ['payments on-call', 'payments'],
    ['payments oncall', 'payments'],
    ["Who's on-call for checkout-api?", 'checkout-api'],
    ['who is oncall at data-platform right now', 'data-platform'],
    ['on-call for the data platform team', 'data platform'],
    ['oncall payments_schedule', 'payments_schedule'],
    ['payments-team on call rotation', 'payments-team'],
    ['  WHO   IS ON CALL FOR   SRE  ', 'SRE'],
  ])('reads %j as a question about %j', (term, subject) => {
    expect(parseOnCallQuestion(term)?.subject).toBe(subject);
  });

  it('splits the subject into lower-case words', () => {
    expect(parseOnCallQuestion('who is on call for Payments-API')).toEqual({
      subject: 'Payments-API',
      words: ['payments', 'api'],
    });
  });

  it.each([
    'sev1 checkout',
    'payments',
    'latency spike in payments-api',
    'who is on call',
    'on call',
    'oncall?',
    'who is on call for the team',
    'callback failures in payments',
    'payments on callback',
    '',
  ])('does not read %j as a question about someone', term => {
    expect(parseOnCallQuestion(term)).toBeUndefined();
  });
});

describe('wordsOf', () => {
  it('splits names on anything but letters and digits', () => {
    expect(wordsOf('payments_schedule')).toEqual(['payments', 'schedule']);
    expect(wordsOf('component:default/Payments-API')).toEqual([
      'component',
      'default',
      'payments',
      'api',
    ]);
    expect(wordsOf('Zürich-ops 24x7')).toEqual(['zürich', 'ops', '24x7']);
  });
});
