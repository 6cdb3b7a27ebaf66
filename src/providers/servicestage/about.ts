/** ServiceStage: what help, target parsing and delivery checks need (definition.ts adds settings and the adapter). */
import type { ProviderAbout } from '../types.js';
import { servicestageDelivery } from './delivery.js';
import { type ServiceStageTarget, servicestageTarget } from './target.js';

export const servicestageAbout: ProviderAbout<ServiceStageTarget> = {
  id: 'servicestage',
  name: 'ServiceStage',
  help: {
    create: 'printf %s "$SECRET" | hookctl hooks create servicestage:PID/ns/repo --url https://ci.example.com/h --secret-stdin',
    export: "hookctl export 'servicestage:PID/prod/*' > hooks.yaml",
  },
  target: servicestageTarget,
  delivery: servicestageDelivery,
};
