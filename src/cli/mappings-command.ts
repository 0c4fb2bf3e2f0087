import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { defaultModelTable, geoPrefixForRegion, isBedrockModelId, resolveBedrockModelId } from '../bedrock/model-ids.js';
import type { Config } from '../config/load-config.js';
import type { ModelMapping } from '../store/types.js';
import { UsageError } from './cli-error.js';
import { withStore } from './command-context.js';
import { formatTable, printJson, printLine, shortTime } from './output.js';
import { storeCommand, wantsJson } from './store-command.js';

const apiChoices = ['converse', 'invoke', 'auto'] as const;

/** The file format of `mappings export` and `mappings import`. */
const mappingFileSchema = z.array(
  z.strictObject({
    anthropic_model_id: z.string().min(1).max(256),
    bedrock_model_id: z.string().min(1).max(2048),
    api: z.enum(apiChoices).default('auto'),
    display_name: z.string().max(256).nullish(),
    updated_at: z.string().optional(),
  }),
);

export function makeMappingsCommand(): Command {
  const mappings = new Command('mappings').description('map Anthropic model ids to Bedrock model ids');

  mappings.addCommand(
    storeCommand('list', 'the default table and the stored mappings that override or extend it').action(async (_flags: unknown, command: Command) => {
      const { stored, config } = await withStore(command, async (store, config) => ({ stored: await store.modelMappings.list(), config }));
      const rows = mergedRows(stored, config);
      if (wantsJson(command)) return printJson(rows);
      printLine(formatTable(['Anthropic model', 'Bedrock model', 'API', 'Source', 'Updated'], rows.map((row) => [row.anthropic_model_id, row.bedrock_model_id, row.api, row.source, shortTime(row.updated_at ?? undefined)])));
    }),
  );

  mappings.addCommand(
    storeCommand('set', 'store a mapping (it wins over the default table)')
      .argument('<anthropic-model-id>', 'the model id clients send, e.g. claude-sonnet-4-5')
      .argument('<bedrock-model-id>', 'a Bedrock model id, inference-profile id or ARN')
      .addOption(new Option('--api <api>', 'Bedrock API for this model').choices(apiChoices).default('auto'))
      .option('--display-name <name>', 'the name GET /v1/models shows')
      .action(async (anthropicModelId: string, bedrockModelId: string, flags: { api: ModelMapping['api']; displayName?: string }, command: Command) => {
        checkBedrockId(bedrockModelId);
        const mapping = await withStore(command, (store) =>
          store.modelMappings.put({ anthropicModelId, bedrockModelId, api: flags.api, ...(flags.displayName === undefined ? {} : { displayName: flags.displayName }) }),
        );
        if (wantsJson(command)) return printJson(mappingJson(mapping));
        printLine(`${anthropicModelId} → ${bedrockModelId} (${mapping.api}) stored. Running servers use it within MODEL_MAPPING_CACHE_TTL seconds.`);
      }),
  );

  mappings.addCommand(
    storeCommand('delete', 'remove a stored mapping (the default, if any, applies again)')
      .argument('<anthropic-model-id>')
      .action(async (anthropicModelId: string, _flags: unknown, command: Command) => {
        const deleted = await withStore(command, (store) => store.modelMappings.delete(anthropicModelId));
        if (!deleted) throw new UsageError(`No stored mapping for ${anthropicModelId}. List them with: proxy mappings list`);
        if (wantsJson(command)) return printJson({ anthropic_model_id: anthropicModelId, deleted: true });
        printLine(`Mapping for ${anthropicModelId} deleted.`);
      }),
  );

  mappings.addCommand(
    storeCommand('import', 'store every mapping of a JSON file (the format `mappings export` prints)')
      .argument('<file>')
      .action(async (file: string, _flags: unknown, command: Command) => {
        const entries = readMappingFile(file);
        const imported = await withStore(command, async (store) => {
          const written: ModelMapping[] = [];
          for (const entry of entries) {
            written.push(
              await store.modelMappings.put({
                anthropicModelId: entry.anthropic_model_id,
                bedrockModelId: entry.bedrock_model_id,
                api: entry.api,
                ...(entry.display_name == null ? {} : { displayName: entry.display_name }),
              }),
            );
          }
          return written;
        });
        if (wantsJson(command)) return printJson(imported.map(mappingJson));
        printLine(`Imported ${imported.length} mapping${imported.length === 1 ? '' : 's'} from ${file}.`);
      }),
  );

  mappings.addCommand(
    storeCommand('export', 'print the stored mappings as JSON').action(async (_flags: unknown, command: Command) => {
      const stored = await withStore(command, (store) => store.modelMappings.list());
      printJson(stored.map(mappingJson));
    }),
  );
  return mappings;
}

function checkBedrockId(bedrockModelId: string): void {
  if (!isBedrockModelId(bedrockModelId)) {
    throw new UsageError(`"${bedrockModelId}" is not a Bedrock model id, inference-profile id or ARN (for example us.anthropic.claude-sonnet-4-5-20250929-v1:0)`);
  }
}

function readMappingFile(file: string): z.infer<typeof mappingFileSchema> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = mappingFileSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`${file}: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}`);
  }
  for (const entry of result.data) checkBedrockId(entry.bedrock_model_id);
  return result.data;
}

function mappingJson(mapping: ModelMapping) {
  return {
    anthropic_model_id: mapping.anthropicModelId,
    bedrock_model_id: mapping.bedrockModelId,
    api: mapping.api,
    display_name: mapping.displayName ?? null,
    updated_at: mapping.updatedAt,
  };
}

/** Every default id with what it resolves to here, then the stored mappings; stored ones win. */
function mergedRows(stored: ModelMapping[], config: Config) {
  const geoPrefix = config.geoPrefix === 'auto' ? geoPrefixForRegion(config.region) : config.geoPrefix;
  const rows = new Map<string, ReturnType<typeof mappingJson> & { source: 'default' | 'stored' | 'stored (overrides default)' }>();
  for (const entry of defaultModelTable) {
    for (const id of [entry.anthropicId, ...(entry.aliases ?? [])]) {
      rows.set(id, { anthropic_model_id: id, bedrock_model_id: resolveBedrockModelId(id, { geoPrefix }), api: 'auto', display_name: entry.displayName, updated_at: '', source: 'default' });
    }
  }
  for (const mapping of stored) {
    rows.set(mapping.anthropicModelId, { ...mappingJson(mapping), source: rows.has(mapping.anthropicModelId) ? 'stored (overrides default)' : 'stored' });
  }
  return [...rows.values()].map((row) => ({ ...row, updated_at: row.updated_at === '' ? null : row.updated_at }));
}
