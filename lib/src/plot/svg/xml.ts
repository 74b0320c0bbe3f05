/** Minimal XML writing for the SVG renderer: escaped text and attributes, compact numbers. */

export type Attributes = Record<string, string | number | undefined>;

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A pixel coordinate rounded to 0.1 px, which keeps the markup short. */
export function px(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

function attributes(attrs: Attributes): string {
  let out = "";
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    out += ` ${key}="${escapeXml(typeof value === "number" ? px(value) : value)}"`;
  }
  return out;
}

/** An element; `children` are already-written markup (use `text()` for character data). */
export function element(name: string, attrs: Attributes = {}, children?: string | string[]): string {
  const inner = Array.isArray(children) ? children.join("") : children;
  return inner === undefined || inner === ""
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${inner}</${name}>`;
}

export function text(content: string): string {
  return escapeXml(content);
}
