import { classifyLookupError } from '../../../activities/ingest/omdb/outcome';
import { nextOffsetAfter, planSlice } from '../../../activities/ingest/omdb/slice';
import {
  AuthError,
  BadRequestError,
  NotFoundError,
  ParseError,
  QuotaExhaustedError,
  RateLimitedError,
  UpstreamError,
} from '../../../activities/sources/errors';
import { omdbErrorFromText } from '../../../activities/sources/omdb';

describe('OMDb batch slice', () => {
  it('clamps the slice to the list and resumes inside it from a checkpoint', () => {
    expect(planSlice({ offset: 0, limit: 100, total: 30 })).toEqual({ start: 0, end: 30 });
    expect(planSlice({ offset: 20, limit: 5, total: 30 })).toEqual({ start: 20, end: 25 });
    expect(planSlice({ offset: 20, limit: 5, total: 30, resumeOffset: 23 })).toEqual({ start: 23, end: 25 });
    expect(planSlice({ offset: 20, limit: 5, total: 30, resumeOffset: 25 })).toEqual({ start: 25, end: 25 });
    // A checkpoint of another slice is ignored.
    expect(planSlice({ offset: 20, limit: 5, total: 30, resumeOffset: 26 })).toEqual({ start: 20, end: 25 });
    expect(planSlice({ offset: 20, limit: 5, total: 30, resumeOffset: 3 })).toEqual({ start: 20, end: 25 });
    expect(planSlice({ offset: 40, limit: 5, total: 30 })).toEqual({ start: 30, end: 30 });
    expect(() => planSlice({ offset: -1, limit: 5, total: 30 })).toThrow(RangeError);
    expect(() => planSlice({ offset: 0, limit: 1.5, total: 30 })).toThrow(RangeError);
  });

  it('nextOffset: null when the list is done, else the first unprocessed candidate', () => {
    expect(nextOffsetAfter({ index: 30, total: 30, stopped: false })).toBeNull();
    expect(nextOffsetAfter({ index: 25, total: 30, stopped: false })).toBe(25);
    expect(nextOffsetAfter({ index: 12, total: 30, stopped: true })).toBe(12);
  });
});

describe('OMDb lookup failures', () => {
  it('not found and incorrect id are quarantined as not_found, unreadable bodies as parse_error', () => {
    expect(classifyLookupError(omdbErrorFromText('Movie not found!', 200))).toEqual({
      kind: 'quarantine',
      reason: 'not_found: OMDb error (HTTP 200): Movie not found!',
    });
    expect(classifyLookupError(omdbErrorFromText('Incorrect IMDb ID.', 200))).toEqual({
      kind: 'quarantine',
      reason: 'not_found: OMDb error (HTTP 200): Incorrect IMDb ID.',
    });
    expect(classifyLookupError(new NotFoundError('OMDb answered HTTP 404'))).toMatchObject({ kind: 'quarantine' });
    const parse = classifyLookupError(new ParseError('OMDb: not valid JSON\n(x'.padEnd(2000, 'y')));
    expect(parse.kind).toBe('quarantine');
    if (parse.kind === 'quarantine') {
      expect(parse.reason.startsWith('parse_error: OMDb: not valid JSON (x')).toBe(true);
      expect(parse.reason.length).toBeLessThanOrEqual(500);
    }
  });

  it('the daily limit stops the batch; bad keys and transient errors are thrown', () => {
    expect(classifyLookupError(omdbErrorFromText('Request limit reached!', 401))).toEqual({ kind: 'quota' });
    expect(classifyLookupError(new QuotaExhaustedError('x'))).toEqual({ kind: 'quota' });
    expect(classifyLookupError(omdbErrorFromText('Invalid API key!', 401))).toEqual({ kind: 'throw' });
    for (const e of [new AuthError('x'), new UpstreamError('x'), new RateLimitedError('x'), new BadRequestError('x'), new Error('x')]) {
      expect(classifyLookupError(e)).toEqual({ kind: 'throw' });
    }
  });
});
