import { redact, redactDeep } from '../../../../activities/sources/http/redact';

describe('redact', () => {
  it('hides api_key / apikey / apiKey query values', () => {
    expect(redact('http://h/3/movie/1?api_key=abc123&language=en')).toBe('http://h/3/movie/1?api_key=***&language=en');
    expect(redact('http://www.omdbapi.com/?apikey=deadbeef&i=tt1')).toBe('http://www.omdbapi.com/?apikey=***&i=tt1');
    expect(redact('https://backend/x?apiKey=Z9&b=1')).toBe('https://backend/x?apiKey=***&b=1');
  });

  it('hides Bearer tokens and raw Authorization values', () => {
    expect(redact('Authorization: Bearer eyJhbGciOi.J9.x-y_z')).toBe('Authorization: Bearer ***');
    expect(redact('{"authorization":"Basic dXNlcjpwYXNz"}')).toBe('{"authorization":"***"}');
  });

  it('hides configured secrets anywhere, also URL-encoded', () => {
    const secret = 's3cr/t+key';
    const text = `key ${secret} and ${encodeURIComponent(secret)} in a body`;
    const out = redact(text, [secret]);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).toBe('key *** and *** in a body');
  });

  it('leaves ordinary text alone and ignores empty secrets', () => {
    expect(redact('monkey=3&page=2', ['', undefined as unknown as string])).toBe('monkey=3&page=2');
  });

  it('redacts strings nested in log events', () => {
    const ev = redactDeep({ msg: 'GET /?api_key=X1', nested: { url: 'a?apikey=Y2' }, list: ['tok'] }, ['tok']);
    expect(JSON.stringify(ev)).not.toMatch(/X1|Y2|tok/);
  });
});
