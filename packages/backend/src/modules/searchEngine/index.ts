export { searchModuleEngine as default } from './module';
