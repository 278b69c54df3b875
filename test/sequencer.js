// Deterministic order: unit, then workflows, then integration with FullSetup's own test first,
// so that on a fresh clone it is the run that creates everything (the creation path is tested),
// and later files find the lakehouse set up.
const Sequencer = require('@jest/test-sequencer').default;

const PROJECT_ORDER = ['unit', 'workflows', 'integration'];

function rank(test) {
  const name = test.context.config.displayName?.name ?? '';
  const project = PROJECT_ORDER.indexOf(name);
  const first = test.path.includes('integration/full-setup.test') ? 0 : 1;
  return [project === -1 ? PROJECT_ORDER.length : project, first];
}

class ProjectOrderSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => {
      const [pa, fa] = rank(a);
      const [pb, fb] = rank(b);
      return pa - pb || fa - fb || a.path.localeCompare(b.path);
    });
  }
}

module.exports = ProjectOrderSequencer;
