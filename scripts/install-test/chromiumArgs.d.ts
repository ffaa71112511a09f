/** The Chromium flags of a headless run in a container or on CI (chromiumArgs.js). */
export declare const HEADLESS_CHROMIUM_ARGS: string[];
