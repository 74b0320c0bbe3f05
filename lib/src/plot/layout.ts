import { checkInteger } from "./checks";
import type { Axis, Layout, Margin, Title } from "./figure";

/** Options every figure builder accepts. */
export interface FigureOptions {
  title?: string;
  /** Pixels. */
  width?: number;
  height?: number;
}

export const DEFAULT_MARGIN: Margin = { l: 70, r: 30, t: 60, b: 60 };

export function title(text: string | undefined): Title | undefined {
  return text === undefined || text === "" ? undefined : { text };
}

export function axis(label: string | undefined, extra: Axis = {}): Axis {
  const axisTitle = title(label);
  return axisTitle ? { title: axisTitle, ...extra } : { ...extra };
}

/** The title, size and margin shared by every builder, checked. */
export function baseLayout(
  fn: string,
  options: FigureOptions,
  defaults: { width: number; height: number; margin?: Margin },
): Layout {
  if (options.title !== undefined && typeof options.title !== "string") {
    throw new Error(`neural-mi ${fn}: options.title must be a string, got ${typeof options.title}`);
  }
  const layout: Layout = {
    width: checkInteger(options.width ?? defaults.width, fn, "options.width", 50),
    height: checkInteger(options.height ?? defaults.height, fn, "options.height", 50),
    margin: { ...(defaults.margin ?? DEFAULT_MARGIN) },
  };
  const figureTitle = title(options.title);
  if (figureTitle) layout.title = figureTitle;
  return layout;
}
