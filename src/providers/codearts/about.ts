/** CodeArts Repo: what help, target parsing and delivery checks need (definition.ts adds settings and the adapter). */
import type { ProviderAbout } from '../types.js';
import { codeartsDelivery } from './delivery.js';
import { type CodeArtsTarget, codeartsTarget } from './target.js';

export const codeartsAbout: ProviderAbout<CodeArtsTarget> = {
  id: 'codearts',
  name: 'CodeArts Repo',
  help: { create: 'hookctl hooks create codearts:77 --url https://ci.example.com/h --name ci --branch-filter "^release/"' },
  target: codeartsTarget,
  delivery: codeartsDelivery,
};
