import {
  AuthError,
  BadRequestError,
  NotFoundError,
  RateLimitedError,
  UpstreamError,
} from '../../../../activities/sources/errors';
import { detectTmdbError } from '../../../../activities/sources/tmdb/errors';
import { tmdbFixture } from './fixtures';

describe('detectTmdbError', () => {
  it.each([
    ['401-invalid-api-key.json', 401, AuthError],
    ['401-authentication-failed.json', 401, AuthError],
    ['401-suspended-key.json', 401, AuthError],
    ['404-not-found-2019.json', 404, NotFoundError],
    ['404-not-found-current.json', 404, NotFoundError],
    ['404-invalid-id.json', 404, NotFoundError],
    ['429-rate-limit-legacy.json', 429, RateLimitedError],
    ['400-invalid-page.json', 400, BadRequestError],
    ['422-invalid-date-range.json', 422, BadRequestError],
    ['400-invalid-date.json', 400, BadRequestError],
    ['400-too-many-appends.json', 400, BadRequestError],
    ['400-invalid-input.json', 400, BadRequestError],
    ['503-maintenance.json', 503, UpstreamError],
  ])('%s → typed error, with and without the status', (file, status, Type) => {
    const body = tmdbFixture(`errors/${file}`);
    const withStatus = detectTmdbError(body, status);
    expect(withStatus).toBeInstanceOf(Type);
    expect(withStatus?.details.status).toBe(status);
    expect(detectTmdbError(body)).toBeInstanceOf(Type);
  });

  it('names only the variable actually used when told', () => {
    const err = detectTmdbError(tmdbFixture('errors/401-invalid-api-key.json'), 401, { credentialVar: 'TMDB_READ_ACCESS_TOKEN' });
    expect(err?.message).toContain('TMDB_READ_ACCESS_TOKEN');
    expect(err?.message).not.toContain('TMDB_API_KEY');
    expect(err?.message).toContain('Invalid API key');
  });

  it('is null for normal bodies, also when they carry unknown keys', () => {
    expect(detectTmdbError(tmdbFixture('movie-details-current-appended.json'), 200)).toBeNull();
    expect(detectTmdbError(tmdbFixture('changes-2019-one-page.json'))).toBeNull();
    expect(detectTmdbError('{"status_code":1,"status_message":"Success."}')).toBeNull();
    expect(detectTmdbError('not json')).toBeNull();
  });

  it('uses the HTTP status for non-JSON or unknown error bodies', () => {
    expect(detectTmdbError(tmdbFixture('errors/502-cloudfront.html'), 502)).toBeInstanceOf(UpstreamError);
    expect(detectTmdbError('', 401)).toBeInstanceOf(AuthError);
    expect(detectTmdbError('{"success":false,"status_code":999,"status_message":"new"}', 404)).toBeInstanceOf(NotFoundError);
    expect(detectTmdbError('{"success":false,"status_code":999,"status_message":"new"}')).toBeInstanceOf(BadRequestError);
  });

  it('redacts keys echoed in a message', () => {
    const err = detectTmdbError('{"success":false,"status_code":7,"status_message":"bad api_key=abcdef"}', 401);
    expect(err?.message).not.toContain('abcdef');
  });
});
