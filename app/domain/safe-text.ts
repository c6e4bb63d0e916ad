import { z } from "zod";

// Text from a form, query string or file name passes through here on its way in: NUL and the other
// C0 controls (except tab, line feed and carriage return) plus DEL are removed, because PostgreSQL
// refuses NUL in text (error 22021) and the others only ever arrive by accident or attack.

// eslint-disable-next-line no-control-regex -- matching control characters is this module's job
const UNWANTED_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function stripControls(value: string): string {
  return value.replace(UNWANTED_CONTROLS, "");
}

/** z.string() that strips unwanted control characters first; chain .trim(), .min(), .max() as usual. */
export function safeText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).overwrite(stripControls);
}
