// A busy neighbour: another process on the same cores that computes without pause until it is killed.
let x = 0;
for (;;) x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
