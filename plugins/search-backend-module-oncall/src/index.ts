/***/
/**
 * The oncall backend module for the search plugin.
 *
 * @packageDocumentation
 */

export { searchModuleOncall as default } from './module';
