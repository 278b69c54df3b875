import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapePropertyValue, renderProperties, renderTemplate } from '../../infra/local/templates';
import { renderTrinoEtc } from '../../infra/local/trino-etc';

describe('renderTemplate', () => {
  it('substitutes every placeholder, spaces allowed inside the braces', () => {
    expect(renderTemplate('a={{x}}\nb={{ y }}\n', { x: 'one', y: 2 })).toBe('a=one\nb=2\n');
  });
  it('fails on a placeholder without a value instead of rendering it empty', () => {
    expect(() => renderTemplate('a={{missing}}', {})).toThrow('{{missing}}');
  });
  it('refuses values with line breaks (they would inject properties)', () => {
    expect(() => renderTemplate('a={{x}}', { x: 'ok\nhttp-server.http.port=1' })).toThrow('line break');
  });
});

describe('renderProperties', () => {
  it('writes key=value lines in order', () => {
    expect(renderProperties({ 'connector.name': 'iceberg', 's3.region': 'us-east-1' })).toBe('connector.name=iceberg\ns3.region=us-east-1\n');
  });
  it('escapes what java.util.Properties would otherwise interpret', () => {
    expect(escapePropertyValue('a\\b')).toBe('a\\\\b');
    expect(escapePropertyValue('x\ny=1')).toBe('x\\ny=1');
    expect(escapePropertyValue(' lead')).toBe('\\ lead');
    expect(escapePropertyValue('é')).toBe('\\u00e9');
    expect(escapePropertyValue('🎬')).toBe('\\ud83c\\udfac');
    expect(escapePropertyValue("';--=:#!")).toBe("';--=:#!");
  });
  it('rejects property names that could smuggle another line', () => {
    expect(() => renderProperties({ 'a\nb': 'x' })).toThrow('invalid property name');
    expect(() => renderProperties({ '': 'x' })).toThrow('invalid property name');
  });
});

describe('renderTrinoEtc (infra/trino templates)', () => {
  const vars = { environment: 'lakehouse_local', nodeId: 'n1', host: '127.0.0.1', httpPort: 18080 };

  it('renders node and config properties for loopback and copies jvm.config as is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trino-etc-'));
    const etc = await renderTrinoEtc(dir, vars);
    const node = readFileSync(join(etc, 'node.properties'), 'utf8');
    const conf = readFileSync(join(etc, 'config.properties'), 'utf8');
    expect(node).toMatch(/^node\.bind-ip=127\.0\.0\.1$/m);
    expect(node).toMatch(/^node\.environment=lakehouse_local$/m);
    expect(conf).toMatch(/^http-server\.http\.port=18080$/m);
    expect(conf).toMatch(/^discovery\.uri=http:\/\/127\.0\.0\.1:18080$/m);
    expect(conf).not.toContain('{{');
    const jvm = readFileSync(join(etc, 'jvm.config'), 'utf8');
    expect(jvm).toMatch(/^-Xmx2G$/m);
    expect(jvm).toMatch(/^--add-modules=jdk.incubator.vector$/m);
  });

  it('keeps catalog files across re-renders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trino-etc-'));
    await renderTrinoEtc(dir, vars);
    writeFileSync(join(dir, 'etc', 'catalog', 'iceberg.properties'), 'connector.name=iceberg\n');
    await renderTrinoEtc(dir, { ...vars, httpPort: 18081 });
    expect(readFileSync(join(dir, 'etc', 'catalog', 'iceberg.properties'), 'utf8')).toBe('connector.name=iceberg\n');
    expect(readFileSync(join(dir, 'etc', 'config.properties'), 'utf8')).toContain('http-server.http.port=18081');
  });

  it('fails on a template placeholder it has no value for', async () => {
    const templates = mkdtempSync(join(tmpdir(), 'trino-tmpl-'));
    mkdirSync(templates, { recursive: true });
    writeFileSync(join(templates, 'node.properties.tmpl'), 'node.id={{nodeId}}\nnode.x={{typo}}\n');
    writeFileSync(join(templates, 'config.properties.tmpl'), '');
    await expect(renderTrinoEtc(mkdtempSync(join(tmpdir(), 'trino-etc-')), vars, templates)).rejects.toThrow('{{typo}}');
  });
});
