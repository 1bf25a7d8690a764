// Vitest 5's reporter calls Map.groupBy, which Node 20 lacks (it arrived in Node 21): without this a
// failing test crashes the reporter before it prints the failure. Loaded with `node --import`.
if (typeof Map.groupBy !== "function") {
  Map.groupBy = (items, keyOf) => {
    const groups = new Map();
    let index = 0;
    for (const item of items) {
      const key = keyOf(item, index++);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(item);
    }
    return groups;
  };
}
