import type { Plugin } from 'vite';
export declare function compactCss(sources: RegExp): Plugin;
export declare function singleInstance(file: string, open: string): Plugin;
export declare function zodForHostPages(): Plugin;
