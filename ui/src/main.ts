// Entry point of the web view: global styles, then the App component mounted on #app.
// Nothing else runs here; all start-up work (IPC, listeners) belongs to App and the session.
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
