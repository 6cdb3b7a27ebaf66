import { describe, expect, it } from 'vitest';
import { UnsupportedError, UsageError } from '../../../src/errors.js';
import { Secret } from '../../../src/model/secret.js';
import { codeartsCapabilities } from '../../../src/providers/codearts/adapter.js';
import { codeupV3Capabilities } from '../../../src/providers/codeup-v3/adapter.js';
import { servicestageCapabilities } from '../../../src/providers/servicestage/adapter.js';
import { checkSpec } from '../../../src/providers/validate.js';

const url = 'https://ci.example.com/h';

describe('checkSpec (refused before any request)', () => {
  it.each([
    ['Codeup', codeupV3Capabilities, { url, name: 'n' }, UnsupportedError, 'name (--name) is not supported by Codeup'],
    ['Codeup', codeupV3Capabilities, { url, branchFilter: 'main' }, UnsupportedError, 'branchFilter (--branch-filter) is not supported'],
    ['CodeArts', codeartsCapabilities, { url }, UsageError, 'name (--name) is required by CodeArts'],
    ['CodeArts', codeartsCapabilities, { url, name: 'n', sslVerify: false }, UnsupportedError, 'sslVerify (--no-ssl-verify) is not supported'],
    ['CodeArts', codeartsCapabilities, { url: `${url}/${'a'.repeat(500)}`, name: 'n' }, UsageError, 'url (--url) must be at most 500 characters'],
    ['CodeArts', codeartsCapabilities, { url, name: 'n'.repeat(201) }, UsageError, 'name (--name) must be at most 200 characters'],
    ['ServiceStage', servicestageCapabilities, { url }, UsageError, 'secret (--secret-env/--secret-stdin) is required by ServiceStage'],
    [
      'ServiceStage',
      servicestageCapabilities,
      { url, secret: new Secret('x'), events: ['tag_push' as const] },
      UnsupportedError,
      'events: "tag_push" is not supported',
    ],
  ])('%s: %o', (label, caps, spec, type, message) => {
    expect(() => checkSpec(label, caps, spec)).toThrow(type);
    expect(() => checkSpec(label, caps, spec)).toThrow(message);
  });

  it('accepts what each provider honours', () => {
    expect(() => checkSpec('Codeup', codeupV3Capabilities, { url, events: ['note'], sslVerify: false, secret: new Secret('s') })).not.toThrow();
    expect(() => checkSpec('CodeArts', codeartsCapabilities, { url, name: 'n', branchFilter: 'main', noteFilters: ['x'] })).not.toThrow();
    expect(() => checkSpec('ServiceStage', servicestageCapabilities, { url, secret: new Secret('s') })).not.toThrow();
  });
});

describe('declared note-filter limits (capabilities.noteFilterLimits)', () => {
  it.each([
    [{ url, name: 'n', noteFilters: Array.from({ length: 11 }, (_, i) => `f${i}`) }, 'noteFilters (--note-filter) allows at most 10 filters for CodeArts'],
    [{ url, name: 'n', noteFilters: ['x'.repeat(51)] }, 'noteFilters (--note-filter) must each be at most 50 characters for CodeArts'],
  ])('%#: refused before any request', (spec, message) => {
    expect(() => checkSpec('CodeArts', codeartsCapabilities, spec)).toThrow(message);
  });
});
