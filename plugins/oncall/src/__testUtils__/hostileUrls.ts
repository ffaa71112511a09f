/* eslint-disable no-script-url -- these are the addresses a hostile or broken vendor could send */

/** Addresses a vendor, an annotation or a search document could carry that must never be links. */
export const HOSTILE_URLS = {
  javascript: 'javascript:alert(document.cookie)',
  javascriptMixedCase: 'JavaScript:alert(1)',
  javascriptLeadingSpace: ' javascript:alert(1)',
  javascriptControlCharacter: '\u0001javascript:alert(1)',
  javascriptNewline: 'java\nscript:alert(1)',
  javascriptTab: 'java\tscript:alert(1)',
  data: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  vbscript: 'vbscript:msgbox(1)',
  malformed: 'https://exa mple.com/',
  emptyHost: 'https://',
  notAUrl: 'not a url',
  protocolRelative: '//evil.example.com/path',
} as const;

/** The one of each kind the view tests feed to every link of a view. */
export const HOSTILE_URL_KINDS = [
  HOSTILE_URLS.javascript,
  HOSTILE_URLS.data,
  HOSTILE_URLS.vbscript,
  HOSTILE_URLS.malformed,
] as const;
