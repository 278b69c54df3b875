import { unwrapSavedResponse } from '../../../../activities/sources/http/saved-response';

describe('unwrapSavedResponse', () => {
  it('passes plain bodies through', () => {
    expect(unwrapSavedResponse('{"a":1}')).toEqual({ body: '{"a":1}', status: undefined });
  });
  it('drops a BOM', () => {
    expect(unwrapSavedResponse('\uFEFF{"a":1}').body).toBe('{"a":1}');
  });
  it('drops curl -i header blocks and keeps the last status', () => {
    const text = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/2 401\r\ncontent-type: application/json\r\n\r\n{"status_code":7}';
    expect(unwrapSavedResponse(text)).toEqual({ status: 401, body: '{"status_code":7}' });
  });
  it('leaves a status-like line without headers end alone', () => {
    expect(unwrapSavedResponse('HTTP/1.1 200 OK\n{"a":1}').body).toBe('HTTP/1.1 200 OK\n{"a":1}');
  });
});
