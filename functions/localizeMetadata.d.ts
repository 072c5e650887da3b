// Types for localizeMetadata.js (plain JavaScript so webpack.config.js can load it).
import type { Compiler } from "webpack";

export interface FunctionMetadata {
  functions: { id: string; name: string; description?: string; parameters: { name: string; description?: string }[] }[];
  [key: string]: unknown;
}

export function localizeMetadata<T extends FunctionMetadata>(metadata: T, table: Record<string, unknown>): { metadata: T; problems: string[] };

export class LocalizedMetadataPlugin {
  constructor(options: { source: string; output: string; table: string });
  apply(compiler: Compiler): void;
}
