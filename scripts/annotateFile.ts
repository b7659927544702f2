import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Window } from 'happy-dom';
import { annotateDocumentBody, annotatePlainText, type DocumentAnnotation } from '../lib/annotate/documentMentions';
import type { Matcher } from '../lib/matcher/findMatches';

const HTML = new Set(['.html', '.htm', '.xhtml']);

/** The text offsets refer to: the body's textContent for HTML, the file itself otherwise. */
export interface AnnotatedFile extends DocumentAnnotation {
  text: string;
}

/** Parses (never runs) a saved page and annotates it with the extension's own pipeline. */
export function annotateFile(matcher: Matcher, file: string): AnnotatedFile {
  const content = readFileSync(file, 'utf8');
  if (!HTML.has(extname(file).toLowerCase())) return { text: content, ...annotatePlainText(matcher, content) };
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  try {
    const doc = new window.DOMParser().parseFromString(content, 'text/html') as unknown as Document;
    return { text: doc.body?.textContent ?? '', ...annotateDocumentBody(matcher, doc) };
  } finally {
    void window.happyDOM.close();
  }
}
