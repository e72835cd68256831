/** The SDK version carried in every response's `sdk` field; a test keeps it equal to package.json. */
export const VERSION = '0.1.0';
