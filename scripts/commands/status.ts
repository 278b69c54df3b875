// Placeholder until the command lands (replaced in this same series of commits).
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('status: not implemented yet\n');
  return 1;
}
