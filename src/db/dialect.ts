/** The two engines Parley runs on. Code that must differ asks for this, nothing else. */
export type Dialect = 'sqlite' | 'postgres';
