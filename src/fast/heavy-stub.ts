// What the fast bundle gets in place of any module of the heavy families (scripts, code, http...)
// that a light family reaches for (git's hooks and aliases are judged through them). Every export
// is a function that throws: the fast path catches analyzer errors and hands the line to the full
// check, which has the real modules. So a light family never judges with a stand-in.
class HeavyModuleNeeded extends Error {
  override name = 'HeavyModuleNeeded';
}

module.exports = new Proxy(
  {},
  {
    get(_target, key) {
      if (key === '__esModule') return false;
      return () => {
        throw new HeavyModuleNeeded(`the fast path does not carry ${String(key)}`);
      };
    },
  },
);
