import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderTemplate } from './templates';

/** infra/trino/: the templates for the local stack and the files docker-compose mounts as they are. */
export const TRINO_TEMPLATE_DIR = join(__dirname, '..', 'trino');

export interface TrinoEtcVars {
  environment: string;
  nodeId: string;
  host: string;
  httpPort: number;
}

/**
 * (Re)writes `<dir>/etc` from infra/trino/ on every start so template changes apply; the
 * `catalog/` folder is left alone (configureTrinoCatalog owns it).
 */
export async function renderTrinoEtc(dir: string, vars: TrinoEtcVars, templateDir = TRINO_TEMPLATE_DIR): Promise<string> {
  const etc = join(dir, 'etc');
  await mkdir(join(etc, 'catalog'), { recursive: true, mode: 0o700 });
  for (const name of ['node.properties', 'config.properties']) {
    const text = await readFile(join(templateDir, `${name}.tmpl`), 'utf8');
    await writeFile(join(etc, name), renderTemplate(text, { ...vars }));
  }
  for (const name of ['jvm.config', 'log.properties']) await copyFile(join(templateDir, name), join(etc, name));
  return etc;
}
