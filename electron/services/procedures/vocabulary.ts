/** The procedures area's fixed vocabularies and clause trees, as the API validates and serves them. */
export { clauseStatuses, procedureDomains, procedureOrigins, versionReasons } from '../../../db/schema';
export { clauseTrees, mapping2008to2015 } from '../../../db/reference/procedures';
