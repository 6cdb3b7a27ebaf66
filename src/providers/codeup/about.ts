/** Codeup: what help, target parsing and delivery checks need (definition.ts adds settings and the adapter). */
import type { ProviderAbout } from '../types.js';
import { codeupDelivery } from './delivery.js';
import { type CodeupTarget, codeupTarget } from './target.js';

export const codeupAbout: ProviderAbout<CodeupTarget> = {
  id: 'codeup',
  name: 'Codeup',
  help: { create: 'S=s3cret hookctl hooks create codeup:ORG/100 --url https://ci.example.com/h --events push,tag_push --secret-env S' },
  target: codeupTarget,
  delivery: codeupDelivery,
};
