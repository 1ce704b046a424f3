import { version } from '../../package.json';

/** The product version, from package.json (the bundler keeps only this field). */
export const FACTORY_VERSION: string = version;
