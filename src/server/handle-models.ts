import { defaultModelTable } from '../bedrock/model-ids.js';
import { ProxyError } from '../errors.js';
import type { ModelMapping } from '../store/types.js';
import { buildModelCatalogue, findModel, pageOfModels, type ModelInfo } from './model-catalogue.js';
import type { RequestContext } from './request-context.js';
import { sendJson } from './respond.js';

export const modelsPathPrefix = '/v1/models/';

/** GET /v1/models (Anthropic's list with cursors) and GET /v1/models/{id}, from the defaults and the stored mappings. */
export function createModelsHandlers(options: { listMappings: () => Promise<ModelMapping[]> }) {
  async function catalogue(): Promise<ModelInfo[]> {
    let stored: ModelMapping[];
    try {
      stored = await options.listMappings();
    } catch (error) {
      throw new ProxyError('STORE_UNAVAILABLE', 'The model mappings could not be read; try again shortly', { cause: error });
    }
    return buildModelCatalogue(defaultModelTable, stored);
  }

  return {
    list: async (context: RequestContext) => {
      const query = new URL(context.request.url ?? '/', 'http://localhost').searchParams;
      const page = pageOfModels(await catalogue(), { limit: query.get('limit'), before_id: query.get('before_id'), after_id: query.get('after_id') });
      sendJson(context.response, 200, page);
    },
    get: async (context: RequestContext) => {
      const path = (context.request.url ?? '/').split('?', 1)[0] ?? '';
      const id = decodeURIComponent(path.slice(modelsPathPrefix.length));
      sendJson(context.response, 200, findModel(await catalogue(), defaultModelTable, id));
    },
  };
}
