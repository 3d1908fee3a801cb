// The pane widths as CSS variables on the document (--sidebar-w, --preview-w), set through a
// constructed style sheet: the CSP allows no inline style attributes, and the window's layout
// is never written into an element's style.
let sheet: CSSStyleSheet | null = null;

export function setPaneVars(vars: Record<string, string>): void {
  const body = Object.entries(vars)
    .map(([name, value]) => `${name}: ${value};`)
    .join(' ');
  const doc = document as Document & { adoptedStyleSheets?: CSSStyleSheet[] };
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      doc.adoptedStyleSheets = [...(doc.adoptedStyleSheets ?? []), sheet];
    }
    sheet.replaceSync(`:root { ${body} }`);
  } catch {
    // An engine without constructed style sheets (the unit tests' DOM): the CSSOM on the root.
    for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty(name, value);
  }
}
