/**
 * Fills a template's `{name}` placeholders with their values; a placeholder without a value stays as written.
 * Content checks at start-up that each template uses only the names its renderer gives and that every translation
 * keeps the same ones.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
