/**
 * Recurrent sequence-to-one models on the tensor core: RNN (tanh, ReLU), GRU and LSTM cells with
 * PyTorch's exact semantics and parameter names, stacked layers, a dense head, and the safetensors
 * weight codec. Imports nothing from Spring or the web layer.
 */
package io.seqcast.nn;
