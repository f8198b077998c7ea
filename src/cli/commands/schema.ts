import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonSchemas } from '../../schema/json-schema.ts';

export function schemaCommand(outDir: string): number {
  mkdirSync(outDir, { recursive: true });
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    const file = path.join(outDir, name);
    writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    console.log(`已生成 ${file}`);
  }
  return 0;
}
