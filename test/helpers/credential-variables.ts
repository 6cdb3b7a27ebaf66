import { credentialVariablePatterns, matchCredentialVariable } from '../../src/model/credential-variables.js';
import { SETTINGS_SECTIONS } from '../../src/providers/registry.js';

/** The real rule a run uses (RunContext.credentialVariable): HOOKCTL_* and every provider's variables. */
const patterns = credentialVariablePatterns(SETTINGS_SECTIONS);
export const credentialVariable = (name: string): string | undefined => matchCredentialVariable(name, patterns);
