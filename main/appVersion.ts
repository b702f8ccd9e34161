declare const __APP_VERSION__: string | undefined;

/** Set by the build (scripts/build.mjs); tests that run the TypeScript directly see "dev". */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
