/** The dtype-test generator: a pytest file that runs one nn.Module's forward under each precision regime. */
export { dtypeTest, defaultTestFileName, DtypeTestError, type DtypeTest, type DtypeTestRequest } from './generate';
export { importPathOf, ImportPathError, type ImportPath } from './importPath';
export { planFor, PlanError, type TestPlan } from './plan';
export { readFile, topLevelModules, moduleClass } from './moduleClasses';
export { constructionOf } from './arguments';
export { firstLayerOf } from './sampleInput';
