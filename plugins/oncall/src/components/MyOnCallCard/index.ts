export { MyOnCallCard, MyOnCallContent } from './MyOnCallCard';
