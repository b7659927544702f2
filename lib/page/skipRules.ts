/**
 * Where names are never marked: code, form fields, editors, scripts, site menus and consent
 * banners, and Backstory's own UI. Article text (headlines, captions, asides) is always read.
 */

/** By local name, which is lower case for HTML, SVG and MathML roots alike (and costs no string to read). */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'button',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'svg',
  'math',
  'iframe',
  'canvas',
  'nav',
  'head',
  'title',
]);
const SKIPPED_ROLES = new Set(['navigation', 'menu', 'menubar', 'menuitem', 'search', 'textbox', 'combobox']);
const CONSENT_BANNER = /(^|[\s_-])(cookie|consent|gdpr|cmp)([\s_-]|$)/i;

/** Marks Backstory's own elements so that no scan ever reads them. */
export const OWN_UI_ATTRIBUTE = 'data-backstory-ui';

export function isSkippedElement(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.localName)) return true;
  // Most elements of an article carry no attribute at all: the cheap answer first.
  if (!element.hasAttributes()) return false;
  if (element.hasAttribute(OWN_UI_ATTRIBUTE)) return true;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  const role = element.getAttribute('role');
  if (role && SKIPPED_ROLES.has(role)) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  const marker = `${element.id} ${element.getAttribute('class') ?? ''}`;
  return marker.length > 1 && CONSENT_BANNER.test(marker);
}

/** For text added later: is any ancestor of `node` one the scan would have skipped? */
export function isInSkippedSubtree(node: Node): boolean {
  for (let element = node.parentElement; element; element = element.parentElement) {
    if (isSkippedElement(element)) return true;
  }
  return false;
}
