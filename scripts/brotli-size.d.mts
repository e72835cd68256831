export declare function brotliSize(content: Uint8Array): number;
