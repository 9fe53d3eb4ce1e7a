// What the figures of docs/benchmarks.md mean: the cause behind each target, met or not, as found by
// reading the code and EXPLAIN. Keys: signin, basic, throttle, enforce, policy, page:<path>, js:<path>;
// `<key>.met` is shown when the target is met.
export const CAUSES: Record<string, string> = {};

export const ANALYSIS = '';
