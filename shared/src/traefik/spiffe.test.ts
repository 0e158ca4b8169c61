import { describe, expect, it } from 'vitest';
import { trustDomainName, trustDomainProblem } from './spiffe.js';

describe("trust domains as go-spiffe's TrustDomainFromString reads them", () => {
  it('parses a value with ":/" as a whole SPIFFE ID, path included', () => {
    expect(trustDomainProblem('spiffe://example.org/ns/demo')).toBeUndefined();
    expect(trustDomainName('spiffe://example.org/ns/demo')).toBe('example.org');
    expect(trustDomainProblem('spiffe://example.org/bad path')).toContain('is not a valid SPIFFE ID');
    expect(trustDomainProblem('spiffe:/example.org')).toContain('must start with "spiffe://"');
  });

  it('reads anything else as a bare trust domain', () => {
    expect(trustDomainProblem('example.org')).toBeUndefined();
    expect(trustDomainName('example.org')).toBe('example.org');
    expect(trustDomainProblem('Example.org')).toContain('characters other than');
    expect(trustDomainProblem('')).toBe('is empty');
  });
});
