/**
 * Per-version analysis cache (vscode-extension-samples lsp-embedded-language-service
 * languageModelCache.ts style): a document is analysed once per version, on first need.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../core/analyze.js';
import type { Analysis } from '../core/model/events.js';
import { LineIndex } from '../core/text/lines.js';

export interface Analysed {
  version: number;
  analysis: Analysis;
  index: LineIndex;
  text: string;
}

export class AnalysisCache {
  private cache = new Map<string, Analysed>();

  get(doc: TextDocument, kernel: string): Analysed {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const text = doc.getText();
    const entry: Analysed = { version: doc.version, analysis: analyze(text, { fields: true, ...(kernel ? { kernel } : {}) }), index: new LineIndex(text), text };
    this.cache.set(doc.uri, entry);
    return entry;
  }

  delete(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
