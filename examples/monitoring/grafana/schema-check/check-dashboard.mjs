// Validates a Grafana dashboard JSON file against the dashboard and panel types Grafana publishes
// in the npm package @grafana/schema (generated from Grafana's CUE kinds):
//   - the dashboard against Dashboard (raw/dashboard/x/types.gen.d.ts),
//   - each panel's `options` against its panel type's Options and `fieldConfig.defaults.custom`
//     against its FieldConfig (raw/composable/<type>/panelcfg/x/types.gen.d.ts),
// each type turned into a JSON Schema by ts-json-schema-generator with additionalProperties false,
// so a misspelt key anywhere fails. Export-only keys (__inputs, __elements, __requires) are
// stripped first, as Grafana's import does.
// Usage: node check-dashboard.mjs <dashboard.json>; exit 0 when valid, 1 with every error listed.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';

const require = createRequire(import.meta.url);
const schemaPackage = dirname(require.resolve('@grafana/schema/package.json'));
const raw = join(schemaPackage, 'dist', 'types', 'raw');
const version = JSON.parse(readFileSync(join(schemaPackage, 'package.json'), 'utf8')).version;

function schemaOf(file, type) {
  const generator = createGenerator({
    path: file, type, skipTypeCheck: true, additionalProperties: false, expose: 'all', topRef: true, jsDoc: 'none',
  });
  return generator.createSchema(type);
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node check-dashboard.mjs <dashboard.json>');
  process.exit(2);
}
const dashboard = JSON.parse(readFileSync(file, 'utf8'));
for (const key of ['__inputs', '__elements', '__requires']) {
  delete dashboard[key];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const errors = [];
function check(schema, value, where) {
  const validate = ajv.compile(schema);
  if (!validate(value)) {
    for (const e of validate.errors) {
      const extra = e.params && e.params.additionalProperty ? ` '${e.params.additionalProperty}'` : '';
      const allowed = e.params && e.params.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : '';
      errors.push(`${where}${e.instancePath}: ${e.message}${extra}${allowed}`);
    }
  }
}

check(schemaOf(join(raw, 'dashboard', 'x', 'types.gen.d.ts'), 'Dashboard'), dashboard, 'dashboard');

const panels = [];
for (const p of dashboard.panels ?? []) {
  panels.push(p);
  for (const nested of p.panels ?? []) {
    panels.push(nested);
  }
}
const cache = new Map();
for (const panel of panels) {
  if (panel.type === 'row') {
    continue;
  }
  const cfg = join(raw, 'composable', panel.type, 'panelcfg', 'x', 'types.gen.d.ts');
  if (!existsSync(cfg)) {
    errors.push(`panel ${panel.id} '${panel.title}': type '${panel.type}' has no published panel schema in @grafana/schema ${version}`);
    continue;
  }
  if (!cache.has(panel.type)) {
    const source = readFileSync(cfg, 'utf8');
    let fieldConfig = null;
    if (/export interface FieldConfig\b/.test(source)) {
      try {
        fieldConfig = schemaOf(cfg, 'FieldConfig');
      } catch (e) {
        // e.g. stat, bargauge: FieldConfig is both declared and imported; such panels have no custom field config
        fieldConfig = { not: {}, description: `no custom field config for ${panel.type}: ${e.message.split('\n')[0]}` };
      }
    }
    cache.set(panel.type, {
      options: /export interface Options\b/.test(source) ? schemaOf(cfg, 'Options') : null,
      fieldConfig,
    });
  }
  const { options, fieldConfig } = cache.get(panel.type);
  const where = `panel ${panel.id} '${panel.title}' (${panel.type})`;
  if (options) {
    check(options, panel.options ?? {}, `${where} options`);
  }
  const custom = panel.fieldConfig?.defaults?.custom;
  if (fieldConfig && custom !== undefined) {
    check(fieldConfig, custom, `${where} fieldConfig.defaults.custom`);
  }
}

if (errors.length > 0) {
  console.error(`${file}: ${errors.length} schema error(s) against @grafana/schema ${version}:`);
  for (const e of errors) {
    console.error(`  ${e}`);
  }
  process.exit(1);
}
console.log(`${file}: valid against @grafana/schema ${version} (dashboard, and options of ${panels.filter((p) => p.type !== 'row').length} panels: ${[...cache.keys()].join(', ')})`);
