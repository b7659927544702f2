/**
 * `npm run data:stats [-- --json]`: what the compiled dataset holds, for reviewers and CI logs.
 */
import { aliasText } from '../lib/dataset/validateDataset';
import { readGeneratedRecords } from './generatedDataset';

const NATIVE_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\u0400-\u04ff\ufb50-\ufdff\ufe70-\ufeff]/;
const records = readGeneratedRecords();
const byType: Record<string, number> = {};
for (const record of records) byType[record.type] = (byType[record.type] ?? 0) + 1;
const stats = {
  entities: records.length,
  byType,
  sourced: records.filter((record) => record.sources.some((source) => /^https?:\/\//.test(source.url))).length,
  withNativeScriptAlias: records.filter((record) => record.aliases.some((alias) => NATIVE_SCRIPT.test(aliasText(alias)))).length,
  aliases: records.reduce((total, record) => total + 1 + record.aliases.length, 0),
  withDatedFacts: records.filter((record) => record.facts.some((fact) => fact.asOf)).length,
  relations: records.reduce((total, record) => total + record.related.length, 0),
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(stats));
} else {
  const percent = (n: number) => `${((100 * n) / Math.max(1, stats.entities)).toFixed(0)}%`;
  console.log(`Backstory dataset: ${stats.entities} entities`);
  for (const [type, count] of Object.entries(stats.byType).sort()) console.log(`  ${type.padEnd(13)} ${count}`);
  console.log(`sourced (http/https):        ${stats.sourced} (${percent(stats.sourced)})`);
  console.log(`with a native-script alias:  ${stats.withNativeScriptAlias} (${percent(stats.withNativeScriptAlias)})`);
  console.log(`with dated ("as of") facts:  ${stats.withDatedFacts} (${percent(stats.withDatedFacts)})`);
  console.log(`names and aliases:           ${stats.aliases}`);
  console.log(`relation links (both ways):  ${stats.relations}`);
}
