import { readFile } from "node:fs/promises";

// A deliberately small reader of schema.prisma: enough to compare models, scalar fields,
// nullability, enums and declared indexes against a migrated database.

export interface SchemaField {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  isRelation: boolean;
  isUnique: boolean;
}

export interface SchemaModel {
  name: string;
  fields: SchemaField[];
  indexes: { columns: string[]; unique: boolean }[];
}

export interface SchemaModelSet {
  models: SchemaModel[];
  enums: Record<string, string[]>;
}

const BLOCK = /^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm;

export function parseSchema(source: string): SchemaModelSet {
  const withoutComments = source.replace(/\/\/.*$/gm, "");
  const blocks = [...withoutComments.matchAll(BLOCK)];
  const enums: Record<string, string[]> = {};
  for (const [, kind, name, body] of blocks) {
    if (kind === "enum") enums[name] = body.split("\n").map((line) => line.trim()).filter(Boolean);
  }
  const modelNames = new Set(blocks.filter(([, kind]) => kind === "model").map(([, , name]) => name));
  const models = blocks
    .filter(([, kind]) => kind === "model")
    .map(([, , name, body]) => {
      const fields: SchemaField[] = [];
      const indexes: SchemaModel["indexes"] = [];
      for (const rawLine of body.split("\n")) {
        const line = rawLine.trim();
        if (!line) continue;
        const attribute = /^@@(index|unique)\(\[([^\]]+)\]/.exec(line);
        if (attribute) {
          indexes.push({ columns: attribute[2].split(",").map((c) => c.trim()), unique: attribute[1] === "unique" });
          continue;
        }
        if (line.startsWith("@@")) continue;
        const match = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
        if (!match) continue;
        const [, fieldName, type, list, optional, rest] = match;
        const isUnique = /@unique\b/.test(rest);
        fields.push({
          name: fieldName,
          type,
          list: Boolean(list),
          optional: Boolean(optional),
          isRelation: modelNames.has(type),
          isUnique,
        });
        if (isUnique) indexes.push({ columns: [fieldName], unique: true });
      }
      return { name, fields, indexes };
    });
  return { models, enums };
}

export async function readSchema(file = "prisma/schema.prisma"): Promise<SchemaModelSet> {
  return parseSchema(await readFile(file, "utf8"));
}
