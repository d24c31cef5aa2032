/** The engine's version, from package.json (bundled in at build time by esbuild). */
import pkg from '../../package.json';

export const ENGINE_VERSION: string = pkg.version;
