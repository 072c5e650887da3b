// @ts-check
"use strict";
// Spanish custom-function metadata. Excel localizes custom functions with one metadata file per
// language (the manifest overrides the metadata URL per locale); the English functions.json is
// generated from the JSDoc in functions.ts, so the Spanish one is generated from it and a
// translation table instead of being kept by hand. Plain JavaScript because webpack.config.js
// loads it directly; test/functions/metadata.test.ts uses it too.
const fs = require("node:fs");

/**
 * @param {{ functions: Array<{ id: string, name: string, description?: string, parameters: Array<{ name: string, description?: string }> }> }} metadata
 * @param {Record<string, any>} table function id → { name, description, parameters: { tsName: { name, description } } }
 */
function localizeMetadata(metadata, table) {
  /** @type {string[]} */
  const problems = [];
  const seen = new Set();
  const names = new Set();
  const functions = metadata.functions.map((f) => {
    const t = table[f.id];
    seen.add(f.id);
    if (!t || typeof t !== "object") {
      problems.push(`${f.id}: no translation`);
      return f;
    }
    if (!t.name || !t.description) problems.push(`${f.id}: name and description are both needed`);
    if (names.has(t.name)) problems.push(`${f.id}: Spanish name ${t.name} is used twice`);
    names.add(t.name);
    const params = t.parameters || {};
    for (const key of Object.keys(params)) {
      if (!f.parameters.some((p) => p.name === key)) problems.push(`${f.id}: translated parameter ${key} does not exist`);
    }
    return {
      ...f,
      name: t.name || f.name,
      description: t.description || f.description,
      parameters: f.parameters.map((p) => {
        const tp = params[p.name];
        if (!tp || !tp.name || !tp.description) {
          problems.push(`${f.id}: parameter ${p.name} has no translation`);
          return p;
        }
        return { ...p, name: tp.name, description: tp.description };
      }),
    };
  });
  for (const id of Object.keys(table)) {
    if (!id.startsWith("$") && !seen.has(id)) problems.push(`${id}: translated but no such function`);
  }
  return { metadata: { ...metadata, functions }, problems };
}

/** Webpack plugin: reads the generated `source` asset, writes the translated `output` asset. */
class LocalizedMetadataPlugin {
  /** @param {{ source: string, output: string, table: string }} options */
  constructor(options) {
    this.options = options;
  }

  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    const { source, output, table } = this.options;
    compiler.hooks.thisCompilation.tap("LocalizedMetadataPlugin", (compilation) => {
      compilation.fileDependencies.add(table);
      compilation.hooks.processAssets.tap({ name: "LocalizedMetadataPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const asset = compilation.getAsset(source);
        // Without it the metadata plugin has already reported why.
        if (!asset) return;
        const generated = JSON.parse(asset.source.source().toString());
        const { metadata, problems } = localizeMetadata(generated, JSON.parse(fs.readFileSync(table, "utf8")));
        for (const p of problems) compilation.errors.push(new WebpackError(`${table}: ${p}`));
        compilation.emitAsset(output, new sources.RawSource(JSON.stringify(metadata, null, 4)));
      });
    });
  }
}

module.exports = { localizeMetadata, LocalizedMetadataPlugin };
