export { Component } from './pending';
