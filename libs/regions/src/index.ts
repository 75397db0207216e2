export {
  loadIdnAreaCatalog,
  createIdnAreaCatalog,
  findIdnAreaDataDir,
  type IdnAreaCatalog,
} from './idn-area-catalog';
